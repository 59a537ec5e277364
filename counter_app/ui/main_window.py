"""The counter window (a first cut: orders by stage; the full window is built on this)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from counter_app.bootstrap import AppContext


class MainWindow(QMainWindow):
    """The window shop staff see all day."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("Counter")
        self.resize(1366, 768)
        central = QWidget()
        layout = QVBoxLayout(central)
        counts = ctx.repo.count_by_stage()
        self.summary = QLabel(
            "  ·  ".join(f"{stage.value}: {n}" for stage, n in counts.items() if n)
            or "No orders yet"
        )
        layout.addWidget(self.summary)
        self.setCentralWidget(central)
