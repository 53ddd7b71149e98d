// Pure decisions of a community's ledger: its income, its costs and the street's subsidy.
