from asn_advisor.cli.commands import main

main(prog_name="asn-advisor")
