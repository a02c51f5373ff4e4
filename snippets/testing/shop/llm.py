"""The client of a paid language-model API (the module a test must not let run for real)."""


# --8<-- [start:llm]
async def complete(prompt: str, *, max_tokens: int = 256) -> str:
    raise RuntimeError("called the paid API")  # in production: an HTTP call that costs money
# --8<-- [end:llm]
