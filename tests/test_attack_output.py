"""Attack corpus, output paths: what ``-o`` (and every API writer) does with what it points at.

Policy (transitions._files): a regular file is replaced atomically and keeps its
mode; a symlink is followed (the link stays); a character device or FIFO is
written in place, never replaced; a folder, socket, read-only file or empty
path is refused with one line and exit code 2.
"""

import os
import socket
import stat
import threading

import pytest

from transitions import InvalidParameterError, WorkerProfile, load_sample
from transitions.cli import main
from transitions.graph import write_edgelist, write_graphml

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file types")


def cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def search_csv(capsys, target):
    return cli(capsys, "search", "boekhouder", "--format", "csv", "-o", target)


def assert_bad_input(code, err, *fragments):
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "error:" in lines[0] and "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_dev_null_stays_a_device(capsys):
    before = os.stat("/dev/null")
    code, out, err = search_csv(capsys, "/dev/null")
    assert code == 0, err
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert out == ""  # written to the device, not to standard output


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_dev_full_is_a_clear_error_and_stays_a_device(capsys):
    code, _, err = search_csv(capsys, "/dev/full")
    assert_bad_input(code, err, "/dev/full", "No space left")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_fifo_is_written_in_place(tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, err = search_csv(capsys, fifo)
    reader.join(timeout=60)
    assert code == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and received[0].decode().startswith("occupation_id,")


def test_symlink_is_followed_and_stays_a_link(tmp_path, capsys):
    target = tmp_path / "real.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    code, _, err = search_csv(capsys, link)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("occupation_id,")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_dangling_symlink_creates_its_target(tmp_path, capsys):
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "new.csv")
    code, _, err = search_csv(capsys, link)
    assert code == 0, err
    assert link.is_symlink() and (tmp_path / "new.csv").read_text().startswith("occupation_id,")


def test_read_only_file_is_refused_and_untouched(tmp_path, capsys):
    # Also as root, who could replace it: a file without write permission is not an output.
    ro = tmp_path / "ro.csv"
    ro.write_text("keep me\n")
    ro.chmod(0o444)
    code, _, err = search_csv(capsys, ro)
    assert code == 2, err
    assert "ro.csv" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert ro.read_text() == "keep me\n" and stat.S_IMODE(ro.stat().st_mode) == 0o444


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664])
def test_regular_file_keeps_its_mode(tmp_path, capsys, mode):
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    out.chmod(mode)
    inode = out.stat().st_ino
    code, _, err = search_csv(capsys, out)
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert out.read_text().startswith("occupation_id,")
    assert out.stat().st_ino != inode  # replaced atomically, not rewritten in place


def test_new_file_gets_the_umask_mode_not_0600(tmp_path, capsys):
    old = os.umask(0o022)
    try:
        code, _, err = search_csv(capsys, tmp_path / "new.csv")
    finally:
        os.umask(old)
    assert code == 0, err
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("path", ["", "   "])
def test_empty_path_is_refused(capsys, path):
    code, _, err = search_csv(capsys, path)
    assert_bad_input(code, err, "empty")


def test_folder_is_refused(tmp_path, capsys):
    code, _, err = search_csv(capsys, tmp_path)
    assert_bad_input(code, err)
    assert tmp_path.is_dir()


def test_socket_is_refused_and_stays(tmp_path, capsys):
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        code, _, err = search_csv(capsys, path)
    assert_bad_input(code, err, "socket")
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_graph_export_and_page_follow_the_same_policy(tmp_path, capsys):
    code, _, err = cli(capsys, "graph", "export", "-o", "/dev/null", "--format", "csv")
    assert code == 0, err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    code, _, err = cli(capsys, "advise", "--occupation", "boekhouder", "--format", "html",
                       "-o", "")
    assert_bad_input(code, err, "empty")
    ro = tmp_path / "page.html"
    ro.write_text("x")
    ro.chmod(0o400)
    code, _, err = cli(capsys, "advise", "--occupation", "boekhouder", "--format", "html",
                       "-o", ro)
    assert code == 2 and ro.read_text() == "x", err


def test_api_writers_refuse_empty_paths_and_keep_devices(tmp_path):
    from transitions import OccupationGraph

    G = OccupationGraph.from_taxonomy(load_sample()).to_networkx(k=2)
    for writer in (write_graphml, write_edgelist):
        with pytest.raises(InvalidParameterError, match="empty"):
            writer(G, "")
        writer(G, "/dev/null")
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    profile = WorkerProfile("boekhouder")
    with pytest.raises(InvalidParameterError, match="empty"):
        profile.to_json("")
    with pytest.raises(InvalidParameterError, match="folder"):
        profile.to_json(tmp_path)
