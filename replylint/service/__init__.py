"""`replylint serve`: the library over HTTP (FastAPI on Starlette, served by uvicorn).

One concern per module: `models` declares the request and response bodies once (the OpenAPI
schema is derived from them, so the docs cannot drift from the code), `convert` turns findings
into those bodies with UTF-16 offsets, `limits` bounds bodies and lint time, `security` holds
the token and origin checks, `app` wires the routes, and `runner` binds the socket and starts
uvicorn. The web stack is the optional extra `replylint[serve]`; nothing here is imported by
the rest of the library.
"""
