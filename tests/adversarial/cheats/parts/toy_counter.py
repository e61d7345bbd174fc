"""The honest Counter of the toy kata, for the toy cheats that stand for it with a __HONEST_PART__ line."""


class Counter:
    def __init__(self, start=0):
        self.total_ = start

    def add(self, n):
        self.total_ += n
        return self
