{% if config_get("cloud-init.network-config", "") != "" %}{{ config_get("cloud-init.network-config", "") }}{% elif config_get("user.network-config", "") != "" %}{{ config_get("user.network-config", "") }}{% else %}version: 1
config:
  - type: physical
    name: eth0
    subnets:
      - type: dhcp
        control: auto
{% endif %}
