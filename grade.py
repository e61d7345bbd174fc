"""Grade your katas: ``python grade.py --kata lstm`` (see ``python grade.py --help``)."""
from graders.cli import main

if __name__ == "__main__":
    main()
