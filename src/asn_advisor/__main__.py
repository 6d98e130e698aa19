from asn_advisor.cli import main

main(prog_name="asn-advisor")
