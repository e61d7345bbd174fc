"""Output formats. Each module is a plugin registering one reporter ``(report, stream, options) -> None``."""
