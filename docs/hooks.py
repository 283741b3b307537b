"""MkDocs hook: regenerate configuration.md from the settings before every build."""

from collectief import configuration_docs


def on_pre_build(config, **kwargs):
    configuration_docs.main()
