from django.core.management import call_command


def test_collectstatic_builds_the_manifest_for_every_vendored_asset(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    for asset in ("bootstrap.min.css", "htmx.min.js", "echarts.min.js", "bootstrap-icons.woff2"):
        assert asset in manifest
