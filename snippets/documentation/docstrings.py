"""Google-style docstrings whose examples are run by doctest, so they cannot go stale."""

import doctest
import re


class ValidationError(ValueError):
    """The input is invalid."""


class DuplicateError(ValueError):
    """A record with the same unique key exists."""


_users: dict[str, dict] = {}


# --8<-- [start:create-user]
def create_user(email: str, password: str) -> dict:
    """Create a user account.

    The password is hashed before it is stored; the plain text is never kept.

    Args:
        email: The user's e-mail address; stored lower case.
        password: The plain-text password, at least 12 characters.

    Returns:
        The created user, without the password: `{"id": ..., "email": ...}`.

    Raises:
        ValidationError: If the e-mail is malformed or the password too short.
        DuplicateError: If an account with this e-mail exists.

    Example:
        >>> create_user("Ada@Example.com", "correct horse battery staple")
        {'id': 1, 'email': 'ada@example.com'}
        >>> create_user("ada@example.com", "another long password")
        Traceback (most recent call last):
        ...
        DuplicateError: ada@example.com is already registered
    """
    email = email.strip().lower()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email) or len(password) < 12:
        raise ValidationError("invalid e-mail or password too short")
    if email in _users:
        raise DuplicateError(f"{email} is already registered")
    _users[email] = {"id": len(_users) + 1, "email": email}
    return dict(_users[email])
# --8<-- [end:create-user]


# --8<-- [start:service-order]
def create_service_order(route_id: int, cabinet_selections: list[dict],
                         created_by: int) -> dict:
    """Create a service order for the selected cabinets of a route.

    Args:
        route_id: The route the driver serves.
        cabinet_selections: One entry per cabinet, `{"deviceId": int, "cabinetIndex": int}`
            with a 0-based `cabinetIndex`.
        created_by: The user id of the order's creator, kept for the audit log.

    Returns:
        The order: `orderId`, `routeId`, `cabinets` (how many were selected) and `createdBy`.

    Raises:
        ValidationError: If no cabinet is selected or an index is negative.

    Example:
        >>> order = create_service_order(5, [{"deviceId": 1, "cabinetIndex": 0},
        ...                                  {"deviceId": 2, "cabinetIndex": 1}], 123)
        >>> order["cabinets"], order["createdBy"]
        (2, 123)
    """
    if not cabinet_selections or any(c["cabinetIndex"] < 0 for c in cabinet_selections):
        raise ValidationError("select at least one cabinet with a valid index")
    return {"orderId": 456, "routeId": route_id, "cabinets": len(cabinet_selections),
            "createdBy": created_by}
# --8<-- [end:service-order]


if __name__ == "__main__":
    results = doctest.testmod()
    assert results.attempted == 4 and results.failed == 0, results
