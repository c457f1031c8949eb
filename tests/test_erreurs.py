"""Les erreurs des débutants expliquées en français : dans un vrai noyau (jupyter_client), sur ce Python."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pandas as pd
import pytest

from grc import erreurs
from grc.erreurs import expliquer, expliquer_syntaxe, normaliser, proches

# --- Sans noyau : les règles ------------------------------------------------------------------------


def _leve(fonction):
    try:
        fonction()
    except Exception as exc:  # noqa: BLE001 - on veut l'exception elle-même
        return exc
    raise AssertionError("aucune erreur")


def test_proches_sans_accents_ni_majuscules():
    assert normaliser("Fréquence d'achat") == "frequence_d'achat"
    assert proches("Recence", ["recence", "frequence", "montant"])[0] == "recence"
    assert proches("montant HT", ["montant_ht", "montant_ttc"])[0] == "montant_ht"
    assert proches("zzz", ["montant_ht"]) == []


def test_colonne_inconnue_propose_la_bonne():
    table = pd.DataFrame({"client_id": [1], "montant_ht": [2.0], "récence": [3]})
    e = expliquer(_leve(lambda: table["Montant_HT"]))
    assert e.lignes[0] == "Colonne « Montant_HT » introuvable. Vouliez-vous dire « montant_ht » ?"
    assert "client_id, montant_ht, récence" in e.lignes[1]
    assert expliquer(_leve(lambda: table["recence"])).suggestions == ["récence"]
    # plusieurs colonnes, groupby, tri : la table est retrouvée aussi
    e = expliquer(_leve(lambda: table[["client_id", "montant"]]))
    assert e.lignes[0].startswith("Colonne « montant » introuvable. Vouliez-vous dire « montant_ht » ?")
    assert expliquer(_leve(lambda: table.groupby("clientid"))).suggestions == ["client_id"]
    assert expliquer(_leve(lambda: table.sort_values("Montant_ht"))).suggestions == ["montant_ht"]
    e = expliquer(_leve(lambda: table["xyz"]))
    assert "Vouliez-vous dire" not in e.lignes[0] and "Colonnes de la table" in e.lignes[1]


def test_texte_plus_nombre():
    for f in (lambda: "12" + 3, lambda: 3 + "12", lambda: "prix" * 1.5,
              lambda: pd.Series(["1", "2"], dtype=object) + 1):
        e = expliquer(_leve(f))
        assert e is not None and e.genre == "texte_nombre", f
        assert "du texte et un nombre" in e.lignes[0]


def test_methode_mal_ecrite():
    table = pd.DataFrame({"montant_ht": [1.0]})
    e = expliquer(_leve(lambda: table.sort_value("montant_ht")))
    assert e.lignes[0] == "« sort_value » n'existe pas pour une table (DataFrame). Vouliez-vous dire « sort_values » ?"
    e = expliquer(_leve(lambda: table.Montant_HT))
    assert "table[\"montant_ht\"]" in e.lignes[1]
    e = expliquer(_leve(lambda: "texte".uper()))
    assert "« upper »" in e.lignes[0]
    e = expliquer(_leve(lambda: None.head()))
    assert e.genre == "none" and "inplace=True" in e.lignes[1]


def test_date_illisible():
    for f in (lambda: pd.to_datetime("31/02/2024", format="%d/%m/%Y"), lambda: pd.Timestamp("2024-13-01"),
              lambda: pd.to_datetime(pd.Series(["12/03/2024", "demain"]), format="%d/%m/%Y")):
        e = expliquer(_leve(f))
        assert e is not None and e.genre == "date", f
        assert e.lignes[0].startswith("Date illisible") and "format=\"%d/%m/%Y\"" in e.lignes[1]


@pytest.mark.parametrize(("code", "attendu"), [
    ('total = somme(ventes["montant"]', "la parenthèse (ou le crochet) « ( » ouverte ici n'est jamais fermée"),
    ('print("bonjour)', "un texte commencé par un guillemet n'est pas refermé"),
    ("if x = 3:\n    pass", "écrivez `==`"),
    ("for i in range(3)\n    print(i)", "il manque les deux-points"),
    ("x = 1\n  y = 2", "espaces en trop"),
    ("x = [1, 2 3]", "virgule"),
    ("x = (1, 2]", "ne ferme pas la bonne parenthèse"),
    ("x = 1)", "« ) » ferme une parenthèse"),
    ("x = « 3 »", "n'est pas permis"),
])
def test_erreur_de_syntaxe_dit_ou_et_quoi(code, attendu):
    exc = _leve(lambda: compile(code, "<cellule>", "exec"))
    e = expliquer_syntaxe(exc)
    assert attendu in e.lignes[0], (sys.version, exc.msg, e.lignes)
    assert e.lignes[0].startswith(f"Erreur de syntaxe, ligne {exc.lineno} de la cellule")


def test_une_entree_incomplete_nomme_la_parenthese_oubliee():
    e = expliquer_syntaxe(SyntaxError("incomplete input", ("<cellule>", 1, 1, 'print(max(1, 2)', 1, 16)))
    assert "une parenthèse, un crochet ou des guillemets ouverts ne sont pas refermés" in e.lignes[0]


def test_une_erreur_inconnue_n_est_pas_expliquee():
    assert expliquer(ZeroDivisionError("division by zero")) is None


# --- Dans un vrai noyau -------------------------------------------------------------------------------

CAHIER = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["## 1. Préparer l'environnement"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": ["import pandas as pd\n", "DATE_REFERENCE = pd.Timestamp(\"2025-01-01\")"]},
        {"cell_type": "markdown", "metadata": {}, "source": ["### Exercice 1"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": ["DATE_REFERENCE - pd.Timestamp(\"2024-12-01\")"]},
    ],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 4,
}


class Noyau:
    """Un noyau IPython lancé comme par JupyterLab, avec la configuration du cours (extension grc.erreurs)."""

    def __init__(self, dossier: Path, **env: str) -> None:
        from jupyter_client.manager import KernelManager

        ipython = dossier / "ipython"
        (ipython / "profile_default").mkdir(parents=True, exist_ok=True)
        (ipython / "profile_default" / "ipython_kernel_config.py").write_text(
            'c.InteractiveShellApp.extensions = ["grc.erreurs"]\n', encoding="utf-8")
        cahier = dossier / "cahier.ipynb"
        cahier.write_text(json.dumps(CAHIER), encoding="utf-8")
        self.env = {**os.environ, "IPYTHONDIR": str(ipython), "JPY_SESSION_NAME": str(cahier),
                    "MPLBACKEND": "Agg", **env}
        self.km = KernelManager(kernel_name="python3")
        self.km.start_kernel(cwd=str(dossier), env=self.env)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)

    def executer(self, code: str) -> tuple[str, list[dict]]:
        sorties: list[dict] = []
        reponse = self.kc.execute_interactive(code, timeout=120, output_hook=sorties.append, allow_stdin=False)
        return reponse["content"]["status"], [m for m in sorties if m["msg_type"] in
                                              ("display_data", "error", "stream", "execute_result")]

    def redemarrer(self) -> None:
        self.km.restart_kernel(now=True, env=self.env)
        self.kc.wait_for_ready(timeout=120)

    def arreter(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def _explication(sorties: list[dict]) -> dict:
    assert not [m for m in sorties if m["msg_type"] == "error"], "le traceback anglais ne doit plus s'afficher"
    riches = [m["content"]["data"] for m in sorties if m["msg_type"] == "display_data"
              and "grc-erreur" in m["content"]["data"].get("text/html", "")]
    assert len(riches) == 1, sorties
    return riches[0]


@pytest.fixture(scope="module")
def noyau(tmp_path_factory):
    n = Noyau(tmp_path_factory.mktemp("noyau"))
    yield n
    n.arreter()


def test_noyau_colonne_inconnue(noyau):
    statut, sorties = noyau.executer(
        'import pandas as pd\nventes = pd.DataFrame({"montant_ht": [1.0], "date": [0]})\nventes["montant_HT"].sum()')
    assert statut == "error", "la cellule reste en erreur (Exécuter tout s'arrête là)"
    donnees = _explication(sorties)
    texte, page = donnees["text/plain"], donnees["text/html"]
    assert texte.startswith("❗ Colonne « montant_HT » introuvable. Vouliez-vous dire « montant_ht » ?")
    assert "Colonnes de la table : montant_ht, date" in texte
    assert 'Ligne 3 de la cellule : ventes["montant_HT"].sum()' in texte
    assert "(Message d'origine de Python : KeyError: 'montant_HT')" in texte
    assert "<details" in page and "Message d'origine" in page and "pandas" in page, "le détail replié"
    assert "\x1b[" not in page


def test_noyau_nom_inconnu_faute_de_frappe(noyau):
    noyau.executer("clients = [1, 2]")
    _, sorties = noyau.executer("len(clinets)")
    texte = _explication(sorties)["text/plain"]
    assert texte.startswith("❗ Le nom « clinets » est inconnu. Vouliez-vous dire « clients » ?")


def test_noyau_syntaxe(noyau):
    statut, sorties = noyau.executer('x = 1\ntotal = max(x, 2\nprint(total)')
    assert statut == "error"
    texte = _explication(sorties)["text/plain"]
    assert texte.startswith("❗ Erreur de syntaxe, ligne 2 de la cellule : la parenthèse")
    assert "total = max(x, 2" in texte
    _, sorties = noyau.executer("if x = 1:\n    print(x)")
    assert "écrivez == (deux signes égal)" in _explication(sorties)["text/plain"]
    _, sorties = noyau.executer("x = 1\n    y = 2")
    assert "espaces en trop" in _explication(sorties)["text/plain"]
    # La parenthèse oubliée en fin de cellule : IPython dit « incomplete input », sans nommer la parenthèse.
    _, sorties = noyau.executer('print(max(1, 2)')
    texte = _explication(sorties)["text/plain"]
    assert "ne sont pas refermés" in texte or "n'est jamais fermée" in texte, texte
    assert "incomplete input)." not in texte.splitlines()[0], "des mots anglais dans l'explication"


def test_noyau_texte_plus_nombre_methode_date(noyau):
    _, sorties = noyau.executer('total = 12\nprint("Total : " + total + " €")')
    assert "❗ Python ne peut pas calculer avec du texte et un nombre ensemble." in _explication(sorties)["text/plain"]
    _, sorties = noyau.executer('ventes.sort_value("montant_ht")')
    assert "Vouliez-vous dire « sort_values » ?" in _explication(sorties)["text/plain"]
    _, sorties = noyau.executer('pd.to_datetime("31/02/2024", format="%d/%m/%Y")')
    assert _explication(sorties)["text/plain"].startswith("❗ Date illisible")


def test_noyau_autre_erreur_garde_le_traceback(noyau):
    statut, sorties = noyau.executer("1 / 0")
    assert statut == "error"
    assert [m["content"]["ename"] for m in sorties if m["msg_type"] == "error"] == ["ZeroDivisionError"]


def test_noyau_apres_redemarrage_dit_quelle_cellule_executer(noyau):
    noyau.executer('DATE_REFERENCE = 1')
    noyau.redemarrer()
    statut, sorties = noyau.executer('DATE_REFERENCE - pd.Timestamp("2024-12-01")')
    assert statut == "error"
    texte = _explication(sorties)["text/plain"]
    assert texte.startswith("❗ « DATE_REFERENCE » n'existe pas encore")
    assert "Exécutez d'abord les cellules du haut : menu Exécution → « Exécuter tout au-dessus" in texte
    assert "sous le titre « 1. Préparer l'environnement »" in texte


def test_noyau_grc_erreurs_0_rend_les_messages_d_origine(tmp_path):
    n = Noyau(tmp_path, GRC_ERREURS="0")
    try:
        _, sorties = n.executer('{"a": 1}["b"]')
        assert [m["content"]["ename"] for m in sorties if m["msg_type"] == "error"] == ["KeyError"]
        _, sorties = n.executer('print((1)')
        assert [m["content"]["ename"] for m in sorties if m["msg_type"] == "error"] == ["SyntaxError"]
    finally:
        n.arreter()


def test_extension_documentee():
    assert "GRC_ERREURS=0" in erreurs.__doc__ and "%unload_ext grc.erreurs" in erreurs.__doc__


# --- Les widgets d'un cahier rouvert ------------------------------------------------------------------


def test_noyau_widgets_ont_un_repli_francais(noyau):
    from grc.affichage import MIME_WIDGET, STYLE_REPLI, TEXTE_REPLI

    _, sorties = noyau.executer("import ipywidgets as w\nw.IntSlider(value=3)")
    donnees = [m["content"]["data"] for m in sorties if m["msg_type"] in ("display_data", "execute_result")]
    assert donnees[0]["text/html"] == STYLE_REPLI, "la feuille de style du repli vient avant le widget"
    vue = donnees[1]
    assert MIME_WIDGET in vue and vue["text/plain"] == TEXTE_REPLI and "grc-repli-widget" in vue["text/html"]
    _, sorties = noyau.executer("from grc.qcm import quiz\nquiz('rfm', nombre=2)")
    vue = [m["content"]["data"] for m in sorties if m["msg_type"] == "execute_result"][0]
    assert vue["text/html"].index("grc-repli-widget") < vue["text/html"].index("Question 1"), \
        "la phrase française, puis les questions du quiz (sans les réponses)"
    _, sorties = noyau.executer("w.interact(lambda x: x, x=w.IntSlider(value=2));")
    vues = [m["content"]["data"] for m in sorties if m["msg_type"] == "display_data"
            and MIME_WIDGET in m["content"]["data"]]
    assert vues and all(v["text/plain"] == TEXTE_REPLI for v in vues)
