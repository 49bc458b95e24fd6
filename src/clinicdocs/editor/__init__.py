"""The form editor (`clinicdocs edit`): Decap CMS on this computer, its forms generated from the
data models, its saves checked by the project's loader and merged into the YAML files."""
