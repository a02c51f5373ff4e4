"""N+1 with the ORM: lazy loading issues one query per row; selectinload issues two in total."""

from sqlalchemy import ForeignKey, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
)


class Base(DeclarativeBase):
    pass


class Location(Base):
    __tablename__ = "locations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    location: Mapped[Location] = relationship()  # lazy="select": loaded on first access


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    locations = [Location(name=f"Site {i}") for i in range(10)]
    session.add_all(locations)
    session.add_all(Device(name=f"D{i:02}", location=locations[i % 10]) for i in range(30))
    session.commit()

# --8<-- [start:counter]
queries: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def count_query(conn, cursor, statement, parameters, context, executemany):
    queries.append(statement)
# --8<-- [end:counter]


# --8<-- [start:lazy]
with Session(engine) as session:
    queries.clear()
    devices = session.scalars(select(Device).order_by(Device.name)).all()
    names = [(d.name, d.location.name) for d in devices]  # each new location: one more query
    assert len(queries) == 1 + 10  # the list, then one per distinct location: N+1
# --8<-- [end:lazy]

# --8<-- [start:selectin]
with Session(engine) as session:
    queries.clear()
    devices = session.scalars(
        select(Device).options(selectinload(Device.location)).order_by(Device.name)
    ).all()
    fixed = [(d.name, d.location.name) for d in devices]
    assert len(queries) == 2  # the devices, then all their locations with one IN (...)
# --8<-- [end:selectin]

assert fixed == names
