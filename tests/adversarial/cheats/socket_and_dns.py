"""Phone home: connect to a port on localhost and look up a host name."""
import socket

import numpy as np


def _phone_home():
    try:
        with socket.create_connection(("127.0.0.1", __PORT__), timeout=0.5) as s:
            s.sendall(b"CHEAT __MARKER__")
    except OSError:
        pass
    try:
        socket.getaddrinfo("example.com", 80)
    except OSError:
        pass


_phone_home()


def double(x):
    _phone_home()
    return np.zeros_like(x)


# __PART__ zeros_rest.py  (the rest of the kata, zeros: cheats/parts/zeros_rest.py)
