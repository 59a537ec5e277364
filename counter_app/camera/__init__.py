"""Camera scanning without Qt: decoding grey frames and ignoring a code held in view."""
