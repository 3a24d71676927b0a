"""Diagnostics that keep their JSON form, so a keystroke serializes only what changed.

pygls turns every `Diagnostic` into a dict through cattrs on each publish and pull; with
300 diagnostics in an answer bank that took longer than the lint. A `WireDiagnostic`
makes its dict once, and the server reuses the diagnostics of answers an edit left alone.
"""

from __future__ import annotations

from typing import Any

import attrs
import cattrs
from lsprotocol import types as lsp
from pygls.protocol import default_converter


@attrs.define
class WireDiagnostic(lsp.Diagnostic):
    wire: dict[str, Any] | None = attrs.field(default=None, eq=False, repr=False)


def converter() -> cattrs.Converter:
    """pygls's converter, with diagnostics unstructured once and then taken as they are."""
    out = default_converter()
    plain = out.get_unstructure_hook(lsp.Diagnostic)

    def unstructure(diagnostic: lsp.Diagnostic) -> dict[str, Any]:
        if not isinstance(diagnostic, WireDiagnostic):
            return plain(diagnostic)
        if diagnostic.wire is None:
            diagnostic.wire = plain(diagnostic)
        return diagnostic.wire

    out.register_unstructure_hook(lsp.Diagnostic, unstructure)
    return out
