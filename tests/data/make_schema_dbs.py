"""Build the old-schema database fixtures: `schema_0001.sqlite`, `_0002` and `_0004`.

Run once, when a fixture is added: `.venv/bin/python tests/data/make_schema_dbs.py`. Each file
is made by running the migrations only up to its revision, then inserting what a shop's store
holds after a few days at that version, with SQL written for that schema (the app's models
describe the newest schema, so they cannot write an old one): orders at every stage, their
lines and stage history, scans and confirmed collections, waiting, in-flight, sent and parked
outbox actions, the sync watermark and, from 0002, the marketplace the store belongs to;
from 0004 (the last single-marketplace schema) customer threads, reminders and the columns
0003 and 0004 added.

The committed files are the fixtures; `tests/integration/test_old_schema_data.py` upgrades a
copy of each to the newest revision and checks that nothing was lost.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from pathlib import Path

from alembic import command

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from counter_app.domain.text import fold  # noqa: E402
from counter_app.store.migrate import alembic_config  # noqa: E402

# The revisions a fixture is kept for, oldest first.
REVISIONS = ("0001", "0002", "0004")

# fmt: off
# (order_id, stage, remote_state, customer, email, shelf, pickup_code, bags, notes, problem)
_ORDERS = [
    ("CC210001-A", "to_accept", "WAITING_ACCEPTANCE", "Émilie Lefèvre",
     "emilie.lefevre@example.fr", "", None, 1, "", ""),
    ("CC210002-A", "awaiting_payment", "WAITING_DEBIT_PAYMENT", "Jean-Baptiste Müller",
     "jb.muller@example.de", "", None, 1, "", ""),
    ("CC210003-A", "to_prepare", "SHIPPING", "Zoé Nguyễn", "zoe.nguyen@example.fr", "", None,
     1, "[2026-11-27 10:02 caisse-1] cadeau : emballer", ""),
    ("CC210004-A", "ready", "SHIPPING", "Chloé Dubois-Martin", "chloe.dm@example.fr", "B-12",
     "KTNPRSVXBCDF", 2, "", ""),
    ("CC210005-A", "ready", "SHIPPING", "Œdipe Roi", "oedipe@example.gr", "A-3", "HGJNEVDCLFRV",
     1, "", "the marketplace says REFUSED; this order was marked ready here"),
    ("CC210006-A", "collected", "SHIPPED", "François Łukasz", "f.lukasz@example.pl", "C-1",
     "TUVRBXOPSEKT", 1, "", ""),
    ("CC210007-A", "canceled", "REFUSED", "Ana Straße", "ana@example.at", "", None, 1, "", ""),
    # A stage a newer version wrote and this one does not know: kept, shown as unknown.
    ("CC210008-A", "on_hold", "SOME_FUTURE_STATE", "Léa Ørsted", "lea@example.dk", "", None, 1,
     "", ""),
]
_TITLES = [
    ("L'Étranger", "9782070360024", 890),
    ("Le Petit Prince", "9782070612758", 750),
    ("Les Misérables (tome 1)", "9782253096344", 990),
]
# fmt: on


def _at(day: int, hour: int, minute: int = 0) -> str:
    """A UTC time as SQLAlchemy's SQLite DateTime stores it."""
    return f"2026-11-{day:02d} {hour:02d}:{minute:02d}:00.000000"


def _fill_0001(conn: sqlite3.Connection) -> None:
    for n, (oid, stage, state, name, email, shelf, code, bags, notes, problem) in enumerate(
        _ORDERS, start=1
    ):
        lines = _TITLES[: 1 + n % 3]
        total = sum(price * (1 + i % 2) for i, (_, _, price) in enumerate(lines))
        ready_at = _at(26, 15, n) if stage in ("ready", "collected") else None
        collected_at = _at(28, 11, 5) if stage == "collected" else None
        conn.execute(
            "INSERT INTO orders (id, order_id, commercial_id, remote_state, stage,"
            " customer_name, customer_key, customer_email, created_at, updated_at,"
            " deadline_at, total_price_cents, currency, shipping_type_code,"
            " shipping_type_label, shelf, pickup_code, notes, ready_at, collected_at,"
            " collected_till, bag_count, problem, problem_at, raw_json, synced_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'EUR', 'CLICK_COLLECT',"
            " 'Retrait en magasin', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                n,
                oid,
                oid.split("-")[0],
                state,
                stage,
                name,
                fold(name),
                email,
                _at(25, 9, n),
                _at(26, 9, n),
                _at(27, 9, n),
                total,
                shelf,
                code,
                notes,
                ready_at,
                collected_at,
                "caisse-1" if collected_at else "",
                bags,
                problem,
                _at(28, 8) if problem else None,
                json.dumps({"order_id": oid, "order_state": state}),
                _at(28, 12),
            ),
        )
        for pos, (title, ean, price) in enumerate(lines):
            qty = 1 + pos % 2
            conn.execute(
                "INSERT INTO order_lines (order_pk, position, line_id, title, sku, ean,"
                " quantity, unit_price_cents, total_price_cents, line_state)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (n, pos, f"{oid}-{pos + 1}", title, ean, ean, qty, price, price * qty, state),
            )
        conn.execute(
            "INSERT INTO stage_changes (order_pk, from_stage, to_stage, source, till, at)"
            " VALUES (?, '', ?, 'marketplace', '', ?)",
            (n, "to_accept" if stage != "to_accept" else stage, _at(25, 9, n)),
        )
        if stage in ("ready", "collected"):
            conn.execute(
                "INSERT INTO stage_changes (order_pk, from_stage, to_stage, source, till, at)"
                " VALUES (?, 'to_prepare', 'ready', 'local', 'caisse-1', ?)",
                (n, ready_at),
            )
    conn.execute(
        "INSERT INTO stage_changes (order_pk, from_stage, to_stage, source, till, at)"
        " VALUES (6, 'ready', 'collected', 'local', 'caisse-1', ?)",
        (_at(28, 11, 5),),
    )
    # Outbox: sent, waiting after a network failure, in flight (outcome unknown), parked.
    outbox = [
        (
            4,
            "CC210004-A",
            "ready",
            {"pickup_code": "KTNPRSVXBCDF", "shelf": "B-12"},
            _at(26, 15, 4),
            1,
            None,
            "",
            "sent",
            _at(26, 15, 5),
        ),
        (
            6,
            "CC210006-A",
            "collect",
            {"collected_at": "2026-11-28T11:05:00+00:00", "till": "caisse-1"},
            _at(28, 11, 5),
            2,
            _at(28, 11, 20),
            "connection refused",
            "pending",
            None,
        ),
        (
            2,
            "CC210002-A",
            "accept",
            {"order_lines": [{"id": "CC210002-A-1", "accepted": True}]},
            _at(25, 10),
            1,
            None,
            "",
            "in_flight",
            None,
        ),
        (
            5,
            "CC210005-A",
            "ready",
            {"pickup_code": "HGJNEVDCLFRV", "shelf": "A-3"},
            _at(26, 15, 5),
            3,
            None,
            "OR23 refused: order is REFUSED",
            "failed",
            None,
        ),
        # An action whose order is gone from the store: kept (order_pk NULL).
        (None, "CC209999-A", "collect", {}, _at(24, 17), 0, None, "", "pending", None),
    ]
    for pk, oid, action, payload, created, attempts, nxt, err, state, sent in outbox:
        conn.execute(
            "INSERT INTO outbox (order_pk, order_id, action, payload, created_at, till,"
            " attempts, next_attempt_at, last_error, state, sent_at)"
            " VALUES (?, ?, ?, ?, ?, 'caisse-1', ?, ?, ?, ?, ?)",
            (
                pk,
                oid,
                action,
                json.dumps(payload, sort_keys=True),
                created,
                attempts,
                nxt,
                err,
                state,
                sent,
            ),
        )
    scans = [
        ("KTNP-RSVX-BCDF", "ok", 4, "scan", "Hand over: Chloé Dubois-Martin"),
        ("CC210006-A", "ok", 6, "confirm", "collection recorded"),
        ("TUVRBXOPSEKT", "already_collected", 6, "scan", "Already collected"),
        ("àé&\"'(§è!çà", "invalid", None, "scan", "not a pickup code"),
        ("CC210004-A", "match", 4, "bag_check", "bag belongs to the order"),
    ]
    for i, (raw, verdict, pk, kind, detail) in enumerate(scans):
        conn.execute(
            "INSERT INTO scan_events (raw_input, verdict, order_pk, till, scanned_at, kind,"
            " detail) VALUES (?, ?, ?, 'caisse-1', ?, ?, ?)",
            (raw, verdict, pk, _at(28, 11, i), kind, detail),
        )
    conn.execute(
        "INSERT INTO sync_state (resource, watermark, last_success_at, last_attempt_at,"
        " last_error) VALUES ('orders', ?, ?, ?, 'connection refused')",
        (_at(28, 12), _at(28, 12), _at(28, 12, 30)),
    )


def _fill_0002(conn: sqlite3.Connection) -> None:
    _fill_0001(conn)
    conn.execute(
        "INSERT INTO store_meta (key, value, updated_at) VALUES ('marketplace', ?, ?)",
        (json.dumps({"url": "https://marketplace.example.com", "shop_id": "2042"}), _at(25, 8)),
    )
    conn.execute(
        "INSERT INTO store_meta (key, value, updated_at) VALUES ('synced_by', 'caisse-1', ?)",
        (_at(28, 12),),
    )


def _fill_0004(conn: sqlite3.Connection) -> None:
    _fill_0002(conn)
    # 0003: the ready message's thread is kept; a failed send says why it waits.
    conn.execute("UPDATE orders SET thread_id = 'th-210004' WHERE order_id = 'CC210004-A'")
    conn.execute(
        "UPDATE outbox SET retry_kind = 'network' WHERE order_id = 'CC210006-A'"
        " AND action = 'collect'"
    )
    # 0004: reminders, customer threads, incidents and the back-to-shelves flag.
    conn.execute("UPDATE orders SET has_customer_message = 1 WHERE order_id = 'CC210004-A'")
    conn.execute("UPDATE orders SET reminders_off = 1 WHERE order_id = 'CC210005-A'")
    conn.execute("UPDATE orders SET incident = 'Article non reçu' WHERE order_id = 'CC210006-A'")
    conn.execute("UPDATE orders SET restock_pending = 1 WHERE order_id = 'CC210007-A'")
    conn.execute(
        "INSERT INTO reminders (order_pk, order_id, reminder_key, due_on, state, outbox_id,"
        " subject, body, note, created_at, sent_at) VALUES (4, 'CC210004-A', 'd2',"
        " '2026-11-28', 'sent', NULL, 'Votre commande vous attend', 'Bonjour Chloé, ...',"
        " 'thread th-210004', ?, ?)",
        (_at(28, 9), _at(28, 9, 1)),
    )
    conn.execute(
        "INSERT INTO reminders (order_pk, order_id, reminder_key, due_on, state, outbox_id,"
        " subject, body, note, created_at, sent_at) VALUES (5, 'CC210005-A', 'd2',"
        " '2026-11-28', 'skipped', NULL, '', '', 'not sent: reminders were switched off',"
        " ?, NULL)",
        (_at(28, 9),),
    )
    messages = [
        {
            "id": "m-1",
            "body": "Je passe samedi, est-ce ouvert ?",
            "sent_at": "2026-11-27T08:00:00+00:00",
            "sender_type": "CUSTOMER",
            "sender_name": "Chloé Dubois-Martin",
        }
    ]
    conn.execute(
        "INSERT INTO message_threads (thread_id, order_id, topic, updated_at, needs_reply,"
        " messages_json, read_at) VALUES ('th-210004', 'CC210004-A',"
        " 'Commande CC210004 prête à retirer', ?, 1, ?, ?)",
        (_at(27, 8), json.dumps(messages, ensure_ascii=False), _at(28, 12)),
    )


def build(revision: str, target: Path) -> Path:
    """Migrate an empty file to `revision` only, fill it, and write it compact to `target`."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "store.sqlite3"
        command.upgrade(alembic_config(f"sqlite:///{work}"), revision)
        conn = sqlite3.connect(work)
        try:
            with conn:
                {"0001": _fill_0001, "0002": _fill_0002, "0004": _fill_0004}[revision](conn)
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("VACUUM")
        finally:
            conn.close()
        target.write_bytes(work.read_bytes())
    return target


def main() -> None:
    for revision in REVISIONS:
        made = build(revision, HERE / f"schema_{revision}.sqlite")
        print(f"{made.relative_to(HERE.parents[1])}: {made.stat().st_size} bytes")


if __name__ == "__main__":
    main()
