"""Shop and platform endpoints: A01 (account), AF01 (custom fields), SH12 (shipping types),
RE01/RE02 (reasons) and V01 (version).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from counter_app.marketplace.simulator.after_sale import REASON_TYPES, reasons_json
from counter_app.marketplace.simulator.catalog import SHIPPING_TYPES
from counter_app.marketplace.simulator.replies import (
    Reply,
    Request,
    error,
    json_reply,
)

if TYPE_CHECKING:
    from counter_app.marketplace.simulator.server import SimulatorServer

_AF01_ENTITIES = ("OFFER", "SHOP", "ORDER", "ORDER_LINE")


def version(sim: SimulatorServer, req: Request) -> Reply:
    """V01 (no key needed: a health check)."""
    return json_reply(200, {"version": "3.230.0-simulator"})


def account(sim: SimulatorServer, req: Request) -> Reply:
    """A01 with every property `A01_Response_200` requires."""
    orders = sim.book.order_ids()
    address = {
        "city": "Lyon",
        "country": "FRA",
        "street1": "12 rue d'Austerlitz",
        "zip_code": "69004",
    }
    payload = {
        "billing_info": {
            "bank_city": "Lyon",
            "bank_name": "Banque des Canuts",
            "bic": "BDCAFRPPXXX",
            "iban": "FR7630006000011234567890189",
            "owner": sim.book.shop_name,
        },
        "channels": ["FR"],
        "contact_informations": {
            **address,
            "civility": "Mme",
            "email": "contact@librairie-canuts.example.fr",
            "firstname": "Hélène",
            "lastname": "Gaillard",
            "phone": "+33 4 78 00 00 00",
        },
        "currency_iso_code": "EUR",
        "date_created": "2024-03-01T09:00:00Z",
        "default_billing_information": {
            "default_language": "fr",
            "id": "default",
            "registration_address": {
                "city": "Lyon",
                "country_iso_code": "FRA",
                "street_1": "12 rue d'Austerlitz",
                "zip_code": "69004",
            },
        },
        "domains": ["PRODUCT"],
        "evaluations_count": 0,
        "free_shipping": False,
        "is_professional": True,
        "last_updated_date": "2026-01-05T08:00:00Z",
        "offers_count": 120,
        "orders_count": len(orders),
        "payment_details": {
            "paid_balance": 0.0,
            "payable_balance": 0.0,
            "pending_balance": 0.0,
        },
        "payment_method_mandatory": False,
        "premium": False,
        "pro_details": {
            "corporate_name": "Librairie des Canuts SARL",
            "identification_number": "12345678900017",
            "VAT_number": "FR12123456789",
        },
        "shipping": {"lead_time_to_ship": 2},
        # Deprecated plain lists, kept because the spec still requires them.
        "shipping_types": [code for code, _label, _cc in SHIPPING_TYPES],
        "shipping_zones": ["FR-METRO"],
        "shippings": [
            {
                "shipping_type_code": code,
                "shipping_type_label": label,
                "shipping_zone_code": "FR-METRO",
                "shipping_zone_label": "France métropolitaine",
            }
            for code, label, _cc in SHIPPING_TYPES
        ],
        "shop_additional_fields": [],
        "shop_id": int(sim.book.shop_id),
        "shop_name": sim.book.shop_name,
        "shop_state": "OPEN",
    }
    return json_reply(200, payload)


def additional_fields(sim: SimulatorServer, req: Request) -> Reply:
    """AF01: the operator's custom fields, optionally for some entities."""
    entities = req.many("entities")
    unknown = [e for e in entities if e not in _AF01_ENTITIES]
    if unknown:
        return error(400, f"Unknown entities: {', '.join(unknown)}")
    fields = [
        dict(f) for f in sim.book.additional_fields if not entities or f["entity"] in entities
    ]
    return json_reply(200, {"additional_fields": fields, "total_count": len(fields)})


def shipping_types(sim: SimulatorServer, req: Request) -> Reply:
    """SH12: every shipping type; `click_and_collect` marks the pickup ones."""
    types: list[dict[str, Any]] = [
        {
            "click_and_collect": cc,
            "code": code,
            "delivery_by_operator": False,
            "description": label,
            "label": label,
            "mandatory_tracking": not cc,
        }
        for code, label, cc in SHIPPING_TYPES
    ]
    return json_reply(200, {"shipping_types": types})


def reasons(sim: SimulatorServer, req: Request) -> Reply:
    """RE01: every reason, sorted by type then the operator's order; `locale` for labels."""
    items = sorted(reasons_json(req.one("locale")), key=lambda r: r["type"])
    return json_reply(200, {"reasons": items, "total_count": len(items)})


def reasons_of_type(sim: SimulatorServer, req: Request) -> Reply:
    """RE02 (deprecated in favour of RE01, still served): the reasons of one type."""
    reason_type = req.group()
    if reason_type not in REASON_TYPES:
        return error(400, f"Unknown reason type {reason_type}")
    items = reasons_json(req.one("locale"), reason_type)
    return json_reply(200, {"reasons": items, "total_count": len(items)})
