"""The REST API under ``/api/v1/``: the framework every area's endpoints use.

``pagination`` (keyset cursors), ``renderers`` (CSV), ``streaming`` (whole
exports), ``permissions``, ``filters`` (strict filter types), ``schema``
(OpenAPI additions); ``serializers`` and ``views`` of the indicators app;
``urls`` lists every route.
"""
