"""The improvement plan and the CQC quality statements: actions, workstreams, evidence, the weekly digest."""
