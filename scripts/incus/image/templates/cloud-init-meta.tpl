instance-id: {{ config_get("volatile.cloud-init.instance-id", instance.name) }}
local-hostname: {{ instance.name }}
{{ config_get("user.meta-data", "") }}
