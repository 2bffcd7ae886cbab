"""The analysts' notebook runs top to bottom on the bundled raw/ build, and is committed clean."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "notebooks" / "timeline.ipynb"


def _text(cell) -> str:
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif "data" in output:
            parts.append(output.data.get("text/plain", ""))
            parts.append(output.data.get("image/svg+xml", ""))
    return "\n".join(parts)


def test_notebook_is_committed_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


@pytest.fixture(scope="module")
def executed(bundled_outputs):
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVENTBUILDER_OUTPUTS", str(bundled_outputs))  # the kernel inherits the environment
        NotebookClient(notebook, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_notebook_runs_on_the_bundled_build(executed):
    outputs = [_text(cell) for cell in executed]
    everything = "\n".join(outputs)
    assert "v000002 (parent v000001)" in everything
    side_by_side = next(text for text in outputs if "quantity_qualifier" in text)
    # the bundled wires: NATO's 20,000 and Kiev's 45,000 for the same build-up, by outlet
    assert "45000.0" in side_by_side and "20000.0" in side_by_side
    assert "The Daily Dispatch (sample site)" in side_by_side and "World Desk (sample site)" in side_by_side
    assert any(text.count("<circle") > 10 for text in outputs)  # the map
    assert "every evidence sentence is exactly documents.text[char_start:char_end]: True" in everything
    assert "documents: +2 added, -0 removed, ~0 changed" in everything  # v000002 added the two wire articles
    assert "manifest sha256 " in outputs[-1]
