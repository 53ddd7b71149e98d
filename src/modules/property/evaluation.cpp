// The monthly three-in-one evaluation as pure arithmetic: sheet and month scores, share and pay (docs/rules.md#g).
