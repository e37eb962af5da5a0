"""Workshop room: groups build and submit packages from their own laptops; the facilitator compares them live,
consolidates a joint package and exports the room (ui/workshop.py draws, dashboard/rooms.py decides)."""

import streamlit as st

from dashboard import plaintext
from dashboard.i18n import t
from ui import shell, workshop

lang, digits = shell.page_start()
st.title(t("rooms.page_title", lang))
st.caption(t("rooms.intro", lang))

code = workshop.room_code()
if not code:
    workshop.lobby(lang)
    st.stop()
found = workshop.load(code, lang)
if found is None:
    workshop.unknown(code, lang)
    st.stop()
room, submissions = found
key = workshop.facilitator_key(room, lang)
if room.title:
    st.subheader(plaintext.markdown(room.title))
if key is None:
    if room.status == "closed":
        st.error(t("rooms.error.room_closed", lang))
        workshop.scenarios_alone(lang)
        st.stop()
    workshop.group_view(room, submissions, lang, digits)
    st.stop()

workshop.projector(lang)
workshop.invitation(room, lang)
st.fragment(run_every=workshop.REFRESH_SECONDS)(workshop.live_view)(room.code, lang, digits)
workshop.facilitator_tools(room, submissions, key, lang, digits)
