"""ThaPlan Desktop: the yearly operational plan (แผนการดำเนินงาน) of a Thai local government, offline."""

__version__ = "0.1.0"
