"""The original per-endpoint try/except: it works, but every endpoint re-invents the response."""

import asyncio
import json

from fastapi.responses import JSONResponse


class NotFoundError(Exception):
    pass


class Service:
    async def get_user(self, user_id: int) -> dict | None:
        return {"id": 1} if user_id == 1 else None


service = Service()


# --8<-- [start:original]
async def read_user(user_id: int):
    try:
        user = await service.get_user(user_id)
        if not user:
            raise NotFoundError(f"User {user_id} not found")
        return user
    except NotFoundError as e:
        return JSONResponse(status_code=404, content={"error": str(e)})
# --8<-- [end:original]


response = asyncio.run(read_user(7))
body = json.loads(response.body)
assert response.status_code == 404
# The bare string is not the envelope: no machine-readable code for clients to branch on.
assert body == {"error": "User 7 not found"}
assert not isinstance(body["error"], dict)
