from factdb.cli import app

app(prog_name="factdb")
