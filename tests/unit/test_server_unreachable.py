"""Which errors mean "the shop's database server is out of reach" (the till carries on and says
so) rather than a fault to stop on."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors
from sqlalchemy.exc import IntegrityError, OperationalError

from counter_app.store.database import server_unreachable


@pytest.mark.parametrize(
    "exc",
    [
        # Raised as it is from the change feed's NOTIFY in a commit hook, when the server
        # ended the session of a till that was frozen while another took over.
        errors.AdminShutdown("terminating connection due to administrator command"),
        errors.ConnectionTimeout("connection timeout expired"),
        psycopg.OperationalError("connection refused"),
        psycopg.InterfaceError("the connection is closed"),
        OperationalError("SELECT 1", {}, psycopg.OperationalError("server closed the connection")),
    ],
    ids=["admin-shutdown", "timeout", "refused", "closed", "wrapped"],
)
def test_a_lost_server_is_said_so(exc: BaseException) -> None:
    assert server_unreachable(exc)


@pytest.mark.parametrize(
    "exc",
    [
        errors.UniqueViolation("duplicate key value"),
        IntegrityError("INSERT", {}, errors.UniqueViolation("duplicate key value")),
        ValueError("not a database error"),
    ],
    ids=["unique-raw", "unique-wrapped", "other"],
)
def test_a_fault_of_ours_is_not_taken_for_a_lost_server(exc: BaseException) -> None:
    assert not server_unreachable(exc)
