// Pure decisions on property companies, clusters, contracts and the task catalogue (docs/rules.md).
