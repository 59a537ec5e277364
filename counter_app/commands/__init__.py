"""The `counter-app` sub-commands, one module per group (listed in `cli.COMMAND_MODULES`).

- `db`: `db upgrade | backup | check | restore | copy-to`, the store's upkeep;
- `orders`: `orders list | show`, what the local store holds;
- `scan`: `ready` (mark an order ready, print its pickup code) and `scan` (a verdict);
- `sync`: `sync` (once or in a loop) and `accept` (accept or refuse an order's lines);
- `print_docs`: `print slip | card | daily-list`, to a PDF file or a printer;
- `self_test`: `self-test`, a check of this installation;
- `simulator`: `simulator`, the marketplace simulator on 127.0.0.1.

Each module has `register(subparsers)`, which adds its parsers and sets `func` on each:
`func(args, settings) -> int`, the exit code. A command opens the store itself with
`with open_context(settings) as ctx:` (bootstrap), which closes it whatever happens.
"""
