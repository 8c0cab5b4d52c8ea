# The RAG and its convener of the governance tests.
from tests.governance.conftest import convener, rag  # noqa: F401
