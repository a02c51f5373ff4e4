"""A multi-table write in one transaction: all rows or none. The failure audit is written in its
own transaction afterwards, or the rollback would erase it together with the order."""

import sqlite3

from sqlalchemy import ForeignKey, String, create_engine, event, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class ServiceOrder(Base):
    __tablename__ = "service_orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int]
    created_by: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default="pending")
    total_units: Mapped[int]


class OrderCabinetItem(Base):
    __tablename__ = "order_cabinet_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("service_orders.id"))
    cabinet_id: Mapped[int]
    units: Mapped[int]


class AuditEvent(Base):
    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None]
    details: Mapped[str | None]


engine = create_engine("sqlite://")
event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA foreign_keys = ON"))
Base.metadata.create_all(engine)
with engine.begin() as conn:  # a CHECK the example will trip on purpose
    conn.exec_driver_sql("CREATE TRIGGER units_positive BEFORE INSERT ON order_cabinet_items "
                         "WHEN NEW.units <= 0 BEGIN SELECT RAISE(ABORT, 'units must be > 0'); END")


# --8<-- [start:transaction]
def create_service_order(route_id: int, selections: list[dict], created_by: int) -> int:
    try:
        with Session(engine) as session, session.begin():  # COMMIT on exit, ROLLBACK on error
            order = ServiceOrder(route_id=route_id, created_by=created_by,
                                 total_units=sum(s["units"] for s in selections))
            session.add(order)
            session.flush()  # assigns order.id inside the transaction
            session.add_all(OrderCabinetItem(order_id=order.id, **s) for s in selections)
            session.add(AuditEvent(user_id=created_by, action="service_order_created",
                                   entity_id=order.id))
            session.flush()
            return order.id
    except Exception as exc:
        # A separate transaction: the failed one is gone, this record must stay.
        with Session(engine) as session, session.begin():
            session.add(AuditEvent(user_id=created_by, action="service_order_creation_failed",
                                   entity_id=None, details=str(exc.__cause__ or exc)[:500]))
        raise
# --8<-- [end:transaction]


def count(model) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_all_or_nothing() -> None:
    order_id = create_service_order(7, [{"cabinet_id": 1, "units": 4},
                                        {"cabinet_id": 2, "units": 6}], created_by=1)
    assert order_id == 1 and count(OrderCabinetItem) == 2

    try:
        create_service_order(7, [{"cabinet_id": 1, "units": 4},
                                 {"cabinet_id": 2, "units": 0}], created_by=1)
    except Exception as exc:
        assert isinstance(exc.__cause__ or exc, sqlite3.IntegrityError)
    else:
        raise AssertionError("bad selection accepted")
    assert count(ServiceOrder) == 1  # no orphan order
    assert count(OrderCabinetItem) == 2  # no half of the items
    with Session(engine) as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["service_order_created", "service_order_creation_failed"]


if __name__ == "__main__":
    test_all_or_nothing()
