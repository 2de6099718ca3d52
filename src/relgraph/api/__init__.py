"""The GraphQL API for strategists and BI tools: `relgraph.api.app.create_app(settings, store)`.

Import submodules directly (`relgraph.api.app`, `relgraph.api.auth`): importing this package
loads nothing heavy, so that the CLI starts fast.
"""
