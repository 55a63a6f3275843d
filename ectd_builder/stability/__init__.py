"""The one ICH Q1E / Q5C stability evaluation, used by the rules (STAB-03, STAB-04) and the renderer.

- :mod:`regression`: pure statistics (regression, poolability, confidence-bound crossing);
- :mod:`decision`: significant change (ICH Q1A(R2)) and the Q1E Appendix A decision tree;
- :mod:`facts`: the levels and extrapolation limits, read from ``jurisdictions/ich/q1a.yaml``;
- :mod:`evaluate`: walks one drug substance's or product's studies and finds the governing one.
"""

from __future__ import annotations

from ectd_builder.stability.evaluate import (
    Evaluation,
    StudyEvaluation,
    evaluate,
    evaluate_owner,
)

__all__ = ["Evaluation", "StudyEvaluation", "evaluate", "evaluate_owner"]
