"""REST resources: nouns in the URL, the HTTP method is the verb, related resources nest."""

from fastapi import FastAPI, status
from fastapi.testclient import TestClient
from pydantic import BaseModel

# --8<-- [start:routes]
app = FastAPI()
interviews: dict[int, dict] = {}
answers: dict[int, list[dict]] = {}


class InterviewIn(BaseModel):
    company: str


class AnswerIn(BaseModel):
    text: str


@app.get("/api/interviews")  # list all
def list_interviews() -> dict:
    return {"data": list(interviews.values())}


@app.post("/api/interviews", status_code=status.HTTP_201_CREATED)  # create new
def create_interview(body: InterviewIn) -> dict:
    new = {"id": len(interviews) + 1, "company": body.company}
    interviews[new["id"]] = new
    return {"data": new}


@app.get("/api/interviews/{interview_id}")  # get one
def get_interview(interview_id: int) -> dict:
    return {"data": interviews[interview_id]}


@app.put("/api/interviews/{interview_id}")  # update one
def update_interview(interview_id: int, body: InterviewIn) -> dict:
    interviews[interview_id]["company"] = body.company
    return {"data": interviews[interview_id]}


@app.delete("/api/interviews/{interview_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_interview(interview_id: int) -> None:  # delete one
    interviews.pop(interview_id)


@app.get("/api/interviews/{interview_id}/answers")  # related resource
def list_answers(interview_id: int) -> dict:
    return {"data": answers.get(interview_id, [])}


@app.post("/api/interviews/{interview_id}/answers", status_code=status.HTTP_201_CREATED)
def create_answer(interview_id: int, body: AnswerIn) -> dict:  # create related
    answers.setdefault(interview_id, []).append({"text": body.text})
    return {"data": {"text": body.text}}
# --8<-- [end:routes]


def test_routes_are_nouns_and_methods_are_verbs() -> None:
    paths = {route.path for route in app.routes if route.path.startswith("/api")}
    verbs = ("get", "create", "update", "delete", "list")
    for path in paths:
        for segment in path.split("/"):
            assert not segment.lower().startswith(verbs), f"verb in URL: {path}"

    client = TestClient(app)
    created = client.post("/api/interviews", json={"company": "Acme"})
    assert created.status_code == 201
    assert client.get("/api/interviews/1").json()["data"]["company"] == "Acme"
    assert client.put("/api/interviews/1", json={"company": "Beta"}).json()["data"] == {
        "id": 1, "company": "Beta"}
    assert client.post("/api/interviews/1/answers", json={"text": "O(n)"}).status_code == 201
    assert client.get("/api/interviews/1/answers").json()["data"] == [{"text": "O(n)"}]
    assert client.delete("/api/interviews/1").status_code == 204
    assert client.get("/api/interviews").json()["data"] == []


if __name__ == "__main__":
    test_routes_are_nouns_and_methods_are_verbs()
