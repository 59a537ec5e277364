"""Customers who write: seeded conversations that unfold on the simulator's clock.

When `customer_activity` is on, some pickup orders get a message from their customer ("can my
husband collect it?"), some at once, some later; a customer often answers the shop's message a
while after it was sent. Each message is an event with a due time; `due(now)` hands over the
events whose time has come, so a test that advances an injected clock sees them appear, and the
demo shows a living inbox. A random source of its own keeps the order book's seeded orders the
same whether customers write or not.
"""

from __future__ import annotations

import heapq
import itertools
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# (topic, opening message) a customer may write about a pickup order.
OPENINGS = (
    ("Retrait de ma commande", "Bonjour, je ne pourrai passer que samedi matin, est-ce possible ?"),
    ("Retrait par un proche", "Bonjour, mon mari peut-il récupérer la commande à ma place ?"),
    (
        "Question sur ma commande",
        "Bonjour, ma commande est-elle prête ? Je voudrais passer ce soir.",
    ),
    ("Horaires d'ouverture", "Bonjour, êtes-vous ouverts entre midi et deux ?"),
    ("Ajout à ma commande", "Bonjour, pourriez-vous mettre de côté un deuxième exemplaire ?"),
    (
        "Retard pour le retrait",
        "Bonjour, je suis en déplacement, je viendrai la semaine prochaine.",
    ),
)
# What a customer answers to a message from the shop.
ANSWERS = (
    "Merci beaucoup, je passe demain.",
    "Parfait, à samedi !",
    "Merci, ma fille viendra la chercher avec le code.",
    "Désolé, je n'ai pas pu venir, je passe lundi sans faute.",
    "Très bien, merci pour votre réponse rapide.",
    "D'accord, je garde le code sur mon téléphone.",
)
ANSWER_SHARE = 0.5  # a customer answers half of the shop's messages
OPEN_SHARE = 0.35  # a seeded pickup order has a customer message this often
FUTURE_SHARE = 0.4  # of those, the message comes later (within a day and a half)
TICK_OPEN_SHARE = 0.15  # a tick brings a new customer conversation this often


@dataclass(order=True)
class CustomerEvent:
    """A customer message due at `due`: a new thread (`thread_id` "") or a reply on one."""

    due: datetime
    seq: int
    order_id: str = field(compare=False)
    body: str = field(compare=False)
    topic: str = field(compare=False, default="")
    thread_id: str = field(compare=False, default="")


class CustomerLife:
    """The schedule of customer messages; the order book applies them when they are due."""

    def __init__(self, seed: int, *, enabled: bool) -> None:
        self.enabled = enabled
        self.rng = random.Random(f"customers-{seed}")
        self._events: list[CustomerEvent] = []
        self._seq = itertools.count()

    def new_id(self) -> str:
        """A message or thread id for a customer's message (from this random source)."""
        return str(uuid.UUID(int=self.rng.getrandbits(128)))

    def __len__(self) -> int:
        return len(self._events)

    def _push(self, event: CustomerEvent) -> None:
        heapq.heappush(self._events, event)

    def seed_order(self, order_id: str, ready_since: datetime, now: datetime) -> None:
        """Maybe a customer writes about this pickup order: already, or in the next day or so."""
        if not self.enabled or self.rng.random() >= OPEN_SHARE:
            return
        if self.rng.random() < FUTURE_SHARE:
            due = _waking(now + timedelta(hours=self.rng.uniform(0.2, 24)))
        else:
            due = min(_waking(ready_since + timedelta(hours=self.rng.uniform(1, 72))), now)
        topic, body = self.rng.choice(OPENINGS)
        self._push(CustomerEvent(due, next(self._seq), order_id, body, topic))

    def write_now(self, order_id: str, now: datetime) -> None:
        """A customer opens a conversation a few minutes from now (a tick of the demo)."""
        if not self.enabled:
            return
        topic, body = self.rng.choice(OPENINGS)
        due = now + timedelta(minutes=self.rng.uniform(1, 30))
        self._push(CustomerEvent(due, next(self._seq), order_id, body, topic))

    def shop_wrote(self, order_id: str, thread_id: str, now: datetime) -> None:
        """The shop wrote on a thread: the customer may answer, 5 minutes to 6 hours later."""
        if not self.enabled or self.rng.random() >= ANSWER_SHARE:
            return
        due = _waking(now + timedelta(minutes=self.rng.uniform(5, 360)))
        body = self.rng.choice(ANSWERS)
        self._push(CustomerEvent(due, next(self._seq), order_id, body, thread_id=thread_id))

    def due(self, now: datetime) -> list[CustomerEvent]:
        """The events whose time has come, oldest first (and forgotten here)."""
        out = []
        while self._events and self._events[0].due <= now:
            out.append(heapq.heappop(self._events))
        return out

    def pending(self) -> list[CustomerEvent]:
        return sorted(self._events)


def _waking(when: datetime) -> datetime:
    """The same moment moved to 07:00-19:59 UTC (08:00-21:00 in France), never earlier:
    customers write in the day, a night-time message waits for the morning."""
    if when.hour < 7:
        return when.replace(hour=7 + when.hour)
    if when.hour >= 20:
        return (when + timedelta(days=1)).replace(hour=7 + when.hour - 20)
    return when
