"""The rules module: one file per mechanism, each a set of functions of the turn context.

The engine calls them in this order every turn (see ``game.engine.resolve_turn``):

1. ``controls``      export controls and licence approvals set this turn
2. ``measures``      tariffs, sanctions, defence priority
3. ``stocks``        stockpile releases and purchases booked
4. ``investment``    projects funded, progressed (with slippage draws), completed
5. ``diplomacy``     diplomatic moves drawn against their chance of success
6. ``trade``         demand met along trade shares, through controls, with leakage and diversion
7. ``stocks``        shortfalls drawn from working inventory, restocking, days of cover
8. ``industry``      sector output from the materials each sector could get
9. ``prices``        world and Chinese prices from the shortfall
10. ``diversification`` importers shift away from coercive or taxed suppliers; market share
11. ``strategic``    tension, alliance cohesion, Japan's posture, deterrence credibility
12. ``scoring``      each team's score from its objectives
"""
