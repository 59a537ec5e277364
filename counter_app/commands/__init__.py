"""CLI sub-commands, one module per group. Each module has `register(subparsers)`.

A module's `register` adds its parsers and sets `func` on each: `func(args, ctx_factory) -> int`.
"""
