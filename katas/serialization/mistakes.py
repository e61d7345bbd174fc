"""Known mistakes of the serialization kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="allow_pickle_true",
        says="loads with np.load(path, allow_pickle=True), so object arrays and pickles are unpickled (running "
             "their code)",
        culprits=("load_params",),
        edit=(
            replace("loaded = np.load(path, allow_pickle=False)",
                    "loaded = np.load(path, allow_pickle=True)"),
            replace("value = loaded[name]", "value = np.asarray(loaded[name])"),
        ),
    ),
    Mistake(
        id="load_errors_not_converted",
        says="lets np.load's own errors through (EOFError, zipfile.BadZipFile) instead of raising ValueError",
        culprits=("load_params",),
        edit=replace(
            "    try:\n"
            "        loaded = np.load(path, allow_pickle=False)\n"
            "    except FileNotFoundError:\n"
            "        raise\n"
            "    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:\n"
            "        raise ValueError(f\"{path} is not a readable .npz archive ({type(exc).__name__}: {exc})\") from None",
            "    loaded = np.load(path, allow_pickle=False)",
        ),
    ),
    Mistake(
        id="returns_npzfile",
        says="returns the NpzFile from np.load instead of a dict of arrays read into memory",
        culprits=("load_params",),
        edit=(
            replace("with loaded:", "if True:"),
            replace("return params", "return loaded"),
        ),
    ),
    Mistake(
        id="savez_keyword_clash",
        says="saves with np.savez(f, **params) on an open file: parameters named 'file' or 'allow_pickle' clash "
             "with its arguments",
        culprits=("save_params",),
        edit=replace(
            "    with zipfile.ZipFile(path, mode=\"w\", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:\n"
            "        for name, value in params.items():\n"
            "            with archive.open(name + \".npy\", mode=\"w\", force_zip64=True) as member:\n"
            "                np.lib.format.write_array(member, value, allow_pickle=False)",
            "    with open(path, \"wb\") as f:\n"
            "        np.savez(f, **params)",
        ),
    ),
    Mistake(
        id="savez_on_path_string",
        says="saves with np.savez(path, **params): a suffix-less path gets .npz appended, and names "
             "'file'/'allow_pickle' clash",
        culprits=("save_params",),
        edit=replace(
            "    with zipfile.ZipFile(path, mode=\"w\", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:\n"
            "        for name, value in params.items():\n"
            "            with archive.open(name + \".npy\", mode=\"w\", force_zip64=True) as member:\n"
            "                np.lib.format.write_array(member, value, allow_pickle=False)",
            "    np.savez(path, **params)",
        ),
    ),
    Mistake(
        id="schema_ignored",
        says="ignores the expected schema: missing, unexpected or misshapen parameters are not reported",
        culprits=("load_params",),
        edit=replace("if expected is not None:", "if False:"),
    ),
    Mistake(
        id="stored_as_float32",
        says="stores parameters as float32 to halve the file size and casts back on load, so round trips are not "
             "exact",
        culprits=("save_params", "load_params"),
        edit=(
            replace("np.lib.format.write_array(member, value, allow_pickle=False)",
                    "np.lib.format.write_array(member, value.astype(np.float32), allow_pickle=False)"),
            replace(
                "                                 f\"({type(exc).__name__}: {exc})\") from None",
                "                                 f\"({type(exc).__name__}: {exc})\") from None\n"
                "            if value.dtype == np.float32:\n"
                "                value = value.astype(np.float64)",
            ),
        ),
    ),
]
MISTAKES += [
    Mistake(
        id="name_cut_at_first_dot",
        says="load_params names each parameter by member.split('.')[0], so 'fc1.weight' and 'fc1.bias' both "
             "become 'fc1'",
        culprits=("load_params",),
        edit=replace("        for name in loaded.files:\n"
                     "            try:\n"
                     "                value = loaded[name]\n",
                     "        for member in loaded.zip.namelist():\n"
                     "            name = member.split(\".\")[0]\n"
                     "            try:\n"
                     "                value = loaded[member]\n"),
    ),
    Mistake(
        id="name_rstrip_npy",
        says="load_params names each parameter by member.rstrip('.npy'), which also strips a name's own final "
             "letters n, p, y and dots ('attn' becomes 'att')",
        culprits=("load_params",),
        edit=replace("        for name in loaded.files:\n"
                     "            try:\n"
                     "                value = loaded[name]\n",
                     "        for member in loaded.zip.namelist():\n"
                     "            name = member.rstrip(\".npy\")\n"
                     "            try:\n"
                     "                value = loaded[member]\n"),
    ),
]
