"""Population registry (人口库) adapter: is this name and ID number a real, living resident?

Placeholder interface; the identity work fills in the simulator and the HTTP adapter.
"""
