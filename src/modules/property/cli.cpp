// The property capability on the command line: `weizhi evaluate` and `weizhi export-evaluation`.
