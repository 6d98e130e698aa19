from .cli import main

main(prog_name="asn-advisor")
