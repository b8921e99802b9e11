"""Short names people use every day for a municipality, accepted as that municipality.

Editors write `municipios: [Ecatepec]`, `MUNICIPIO=neza` or `Izcalli`: each name here means one
and only one of the 125 official INEGI names (content/datos/municipios_edomex.csv), so it is
accepted as that municipality. A name is listed only when no other municipality could be meant:

- never an official name itself: Atizapán, Cuautitlán and Chalco are municipalities of their own,
  distinct from Atizapán de Zaragoza, Cuautitlán Izcalli and Valle de Chalco Solidaridad;
- never a start shared by two municipalities: Tenango (del Aire, del Valle), Almoloya (de
  Alquisiras, de Juárez, del Río), Ixtapan (de la Sal, del Oro), Villa… stay suggestions;
- never a name that is also a well-known town elsewhere: "Los Reyes" (Los Reyes Acozac is in
  Tecámac), "Coatepec" (a town in Ixtapaluca), "San Martín", "San Felipe", "San Simón" (towns in
  many municipalities) are only suggested, never assumed.

tests/test_municipality_names.py checks both rules against the data file. Anything else an editor
types gets suggestions (refdata.RefData.municipality_problem): official names that start with
what was typed first, then the closest names.
"""

from __future__ import annotations

# short or historic name → official INEGI name
ALIASES: dict[str, str] = {
    # the names of daily life in the metropolitan area
    "Ecatepec": "Ecatepec de Morelos",
    "San Cristóbal Ecatepec": "Ecatepec de Morelos",
    "Naucalpan": "Naucalpan de Juárez",
    "Tlalnepantla": "Tlalnepantla de Baz",
    "Tlalne": "Tlalnepantla de Baz",
    "Neza": "Nezahualcóyotl",
    "Ciudad Neza": "Nezahualcóyotl",
    "Ciudad Nezahualcóyotl": "Nezahualcóyotl",
    "Izcalli": "Cuautitlán Izcalli",
    "Valle de Chalco": "Valle de Chalco Solidaridad",
    "Coacalco": "Coacalco de Berriozábal",
    "Los Reyes La Paz": "La Paz",
    "Villa Nicolás Romero": "Nicolás Romero",
    "Ciudad Nicolás Romero": "Nicolás Romero",
    "Tecámac de Felipe Villanueva": "Tecámac",
    "Huixquilucan de Degollado": "Huixquilucan",
    "Chalco de Díaz Covarrubias": "Chalco",
    "Tultitlán de Mariano Escobedo": "Tultitlán",
    # official names shortened, and the cities' full names
    "Acambay": "Acambay de Ruíz Castañeda",
    "Soyaniquilpan": "Soyaniquilpan de Juárez",
    "Santiago Tianguistenco": "Tianguistenco",
    "Toluca de Lerdo": "Toluca",
    "Texcoco de Mora": "Texcoco",
    "Zumpango de Ocampo": "Zumpango",
    "Teotihuacán de Arista": "Teotihuacán",
    "Ozumba de Alzate": "Ozumba",
    "Jilotepec de Molina Enríquez": "Jilotepec",
    "Ixtlahuaca de Rayón": "Ixtlahuaca",
    "Tenancingo de Degollado": "Tenancingo",
    "Tejupilco de Hidalgo": "Tejupilco",
    "Amecameca de Juárez": "Amecameca",
    "Atlacomulco de Fabela": "Atlacomulco",
    "El Oro de Hidalgo": "El Oro",
    "Capulhuac de Mirafuentes": "Capulhuac",
    "Lerma de Villada": "Lerma",
    "Otumba de Gómez Farías": "Otumba",
    "Temascaltepec de González": "Temascaltepec",
}
