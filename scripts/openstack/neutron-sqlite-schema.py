"""Creates Neutron's database schema on sqlite from the models (as Neutron's own unit tests do) and
stamps it at the migration heads: the alembic migrations alter constraints, which sqlite cannot.

Usage: /usr/bin/python3 neutron-sqlite-schema.py NEUTRON_CONF
"""
import configparser
import sys

conf = sys.argv[1]
parser = configparser.ConfigParser(interpolation=None)
parser.read(conf)

import sqlalchemy  # noqa: E402
from neutron.db.migration import cli  # noqa: E402
from neutron.db.migration.models import head  # noqa: E402

head.get_metadata().create_all(sqlalchemy.create_engine(parser["database"]["connection"]))
sys.argv = ["neutron-db-manage", "--config-file", conf, "stamp", "heads"]
sys.exit(cli.main())
