import Parsers
