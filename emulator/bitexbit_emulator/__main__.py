"""``python -m bitexbit_emulator`` - the same as the ``bitexbit-emulator`` command."""

from bitexbit_emulator.cli import main

if __name__ == "__main__":
    main()
