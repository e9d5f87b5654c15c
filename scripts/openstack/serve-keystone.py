"""Serves Keystone's WSGI application on loopback with a threaded Werkzeug server (no Apache, no uWSGI).

Usage: OS_KEYSTONE_CONFIG_FILES=/path/keystone.conf /usr/bin/python3 serve-keystone.py HOST PORT
"""
import sys

host, port = sys.argv[1], int(sys.argv[2])
# Keystone's configuration reads the command line: hand it none of ours.
del sys.argv[1:]

from keystone.server import wsgi  # noqa: E402
from werkzeug.serving import run_simple  # noqa: E402

run_simple(host, port, wsgi.initialize_public_application(), threaded=True)
