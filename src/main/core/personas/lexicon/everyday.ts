// Life outside work: cooking, travel, health, home, pets, money, hobbies, writing for people. A
// prompt made of these words is not a coding task whatever technical word slips into it.
import { termList, type LexiconDomain } from './types.ts'

export const everyday: LexiconDomain = {
  id: 'everyday',
  strong: termList(`
    recipe, recipes, cook, cooking, bake, baking, dinner, lunch, breakfast, meal, meals,
    meal prep, vegetarian, vegan, ingredients, oven, chicken, pasta, rice, vegetables, fruit,
    restaurant, coffee, tea, wine, beer, cake, bread, sourdough, garden, gardening, plant, plants,
    houseplant, houseplants, tomato, tomatoes, flowers, roses, cat, cats, dog, dogs, puppy, kitten,
    pet, pets, vet, travel, trip, vacation, holiday, holidays, itinerary, flight, flights, hotel,
    hiking, beach, passport, luggage, weather, birthday, wedding, anniversary, gift, gifts, party,
    christmas, family, kids, children, parents, grandmother, grandfather, brother, sister, friend,
    friends, neighbour, neighbours, neighbor, neighbors, landlord, roommate, girlfriend, boyfriend,
    husband, wife, baby, sleep, sleeping, insomnia, exercise, workout, running plan, gym, diet,
    calories, weight loss, headache, doctor, dentist, vaccine, vaccines, immune system, allergy,
    stain, laundry, cleaning, furniture, couch, apartment, rent, mortgage, salary, raise,
    negotiate, budget, savings, retirement, ira, 401k, taxes, tax return, insurance, resume,
    cover letter, job interview, career, hobby, hobbies, guitar, piano, music, song, songs, movie,
    movies, film, novel, novels, book, books, poem, poems, poetry, limerick, haiku, short story,
    story, stories, fiction, fantasy, horror, romance, essay, speech, toast, eulogy, letter,
    thank-you note, greeting card, football, soccer, basketball, tennis, chess, board game,
    board games, sailing, cycling, photography, painting, drawing, knitting, language learning,
    spanish, french, german, italian, japanese, translate, translation, idiom, grammar, spelling,
    history, philosophy, religion, politics, election, economics, biology, chemistry, astronomy,
    planet, planets, climate, sky, ocean, animals, dinosaurs,
  `),
  medium: termList(`
    home, house, kitchen, room, car, bike, train ride, bus, city, cities, country, countries,
    weekend, morning, evening, night, summer, winter, holiday season, friendly, polite, politely,
    funny, tone, warm, gentle, advice, tips, feelings, stress, anxiety, happy, sad, love,
    relationship, email to, message to, invitation, invite, apology, complaint, compliment,
  `),
  weak: termList(`
    people, person, life, day, week, year, years, month, months, today, tomorrow, money, fun,
  `),
}
