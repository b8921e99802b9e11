"""The web editor (Decap CMS at /admin/): its form generated from the content model, the admin
files, and `make editor`, which serves it against the local repository on 127.0.0.1."""
