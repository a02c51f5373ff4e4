"""Code under test: it imports `complete` by name, so the name is looked up in this module."""

# --8<-- [start:summary]
from testing.shop.llm import complete


async def summarize(text: str) -> str:
    return (await complete(f"Summarize: {text}", max_tokens=64)).strip()
# --8<-- [end:summary]
