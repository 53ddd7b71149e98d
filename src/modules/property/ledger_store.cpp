// SQL of funding lines, own revenue, costs and the community ledger read from them.
