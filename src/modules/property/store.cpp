// SQL of companies, clusters and their operators, contracts and the task catalogue.
